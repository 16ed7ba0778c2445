import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, setUnauthorizedHandler } from '../api/client';
import type { ApiError } from '../api/error';
import type { Me, Permission } from '../api/types';
import { useApi } from '../ui/useApi';
import { loginPath } from './paths';

interface Session {
  me: Me | undefined;
  error: ApiError | undefined;
  refresh: () => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

/**
 * Holds who is logged in (GET /api/me). Any 401 from the API — at start or
 * later, when the session expires — sends the user to the login page, which
 * brings them back to where they were.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [signedOut, setSignedOut] = useState(false);
  const { data, error, loading, reload } = useApi('me', (signal) => api.me(signal));
  const onLogin = location.pathname === loginPath;

  useEffect(() => {
    setUnauthorizedHandler(() => setSignedOut(true));
    return () => setUnauthorizedHandler(undefined);
  }, []);

  useEffect(() => {
    if (!signedOut || onLogin) return;
    const next = location.pathname + location.search;
    navigate(`${loginPath}?next=${encodeURIComponent(next)}`, { replace: true });
  }, [signedOut, onLogin, location.pathname, location.search, navigate]);

  const refresh = useCallback(() => {
    setSignedOut(false);
    reload();
  }, [reload]);

  const signOut = useCallback(async () => {
    await api.logout().catch(() => undefined);
    setSignedOut(true);
  }, []);

  const value = useMemo<Session>(
    () => ({
      // While /api/me reloads (after a login) the previous user is not shown.
      me: signedOut || loading ? undefined : data,
      error: error?.status === 401 ? undefined : error,
      refresh,
      signOut,
    }),
    [data, error, loading, refresh, signOut, signedOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** What the logged-in user may do, from the permissions in /api/me. */
export function usePermissions() {
  const { me } = useSession();
  return useCallback((p: Permission) => me?.permissions.includes(p) ?? false, [me]);
}
