import { PortalSettingsSection } from '../portalAccess/PortalSettingsSection';

/** The portal's settings (network name) as a tab of the members section. */
export default function PortalSettingsTab() {
  return <PortalSettingsSection />;
}
