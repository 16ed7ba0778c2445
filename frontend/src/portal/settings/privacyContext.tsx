import { createContext, useContext, type ReactNode } from 'react';
import { useApi, type ApiState } from '../../ui/useApi';
import { privacyApi, type PrivacyStatus } from '../consent/api';

const Ctx = createContext<ApiState<PrivacyStatus> | undefined>(undefined);

/** Loads the member's privacy status once for the sections of My settings. */
export function PrivacyProvider({ children }: { children: ReactNode }) {
  const state = useApi('portal-privacy', (signal) => privacyApi.status(signal));
  return <Ctx.Provider value={state}>{children}</Ctx.Provider>;
}

/** The member's privacy status (inside PrivacyProvider). */
export function usePrivacy(): ApiState<PrivacyStatus> {
  const v = useContext(Ctx);
  if (!v) throw new Error('usePrivacy outside PrivacyProvider');
  return v;
}
