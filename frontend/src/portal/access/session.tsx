import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { portalApi, type PortalMember } from './api';

interface PortalSession {
  /** undefined while loading, null for a visitor */
  member: PortalMember | null | undefined;
  /** the network name HR set, '' until known or when unset */
  networkName: string;
  setMember: (m: PortalMember | null) => void;
  logout: (everywhere?: boolean) => Promise<void>;
}

const Ctx = createContext<PortalSession>({ member: null, networkName: '', setMember: () => {}, logout: async () => {} });

/** Holds the portal's login state, read from GET /api/portal/me. */
export function PortalSessionProvider({ children }: { children: ReactNode }) {
  const [member, setMemberState] = useState<PortalMember | null | undefined>(undefined);
  // A login or logout while /api/portal/me is on its way wins over its answer.
  const known = useRef(false);
  const setMember = useCallback((m: PortalMember | null) => {
    known.current = true;
    setMemberState(m);
  }, []);
  const [networkName, setNetworkName] = useState('');
  useEffect(() => {
    const ctl = new AbortController();
    portalApi
      .info(ctl.signal)
      .then((r) => setNetworkName(r.network_name))
      .catch(() => undefined);
    return () => ctl.abort();
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
  return <Ctx.Provider value={{ member, networkName, setMember, logout }}>{children}</Ctx.Provider>;
}

/** The portal's login state. */
export function usePortalSession(): PortalSession {
  return useContext(Ctx);
}
