import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { portalApi, type PortalMember } from './api';

interface PortalSession {
  /** undefined while loading, null for a visitor */
  member: PortalMember | null | undefined;
  setMember: (m: PortalMember | null) => void;
  logout: (everywhere?: boolean) => Promise<void>;
}

const Ctx = createContext<PortalSession>({ member: null, setMember: () => {}, logout: async () => {} });

/** Holds the portal's login state, read from GET /api/portal/me. */
export function PortalSessionProvider({ children }: { children: ReactNode }) {
  const [member, setMemberState] = useState<PortalMember | null | undefined>(undefined);
  // A login or logout while /api/portal/me is on its way wins over its answer.
  const known = useRef(false);
  const setMember = useCallback((m: PortalMember | null) => {
    known.current = true;
    setMemberState(m);
  }, []);
  useEffect(() => {
    const ctl = new AbortController();
    portalApi
      .me(ctl.signal)
      .then((r) => !known.current && setMemberState(r.alumnus))
      .catch(() => !ctl.signal.aborted && !known.current && setMemberState(null));
    return () => ctl.abort();
  }, []);
  const logout = useCallback(async (everywhere = false) => {
    await (everywhere ? portalApi.logoutAll() : portalApi.logout());
    setMember(null);
  }, [setMember]);
  return <Ctx.Provider value={{ member, setMember, logout }}>{children}</Ctx.Provider>;
}

/** The portal's login state. */
export function usePortalSession(): PortalSession {
  return useContext(Ctx);
}
