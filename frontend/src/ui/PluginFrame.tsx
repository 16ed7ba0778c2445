import { useLocation, useParams } from 'react-router';

/**
 * A plugin's page (served by the host at /plugins/{id}/…, route params
 * ":id/*") in a frame; shared by the console and the portal. The frame has
 * its own opaque origin (no allow-same-origin): the page cannot script ours
 * nor call the host API as the user; the host serves it under a frame grant.
 */
export function PluginFrame({ height }: { height: string }) {
  const { id = '', '*': rest = '' } = useParams();
  const { search } = useLocation(); // e.g. a survey link's personal token
  return (
    <iframe
      title={id}
      src={`/plugins/${encodeURIComponent(id)}/${rest}${search}`}
      sandbox="allow-scripts allow-forms allow-downloads allow-popups allow-popups-to-escape-sandbox"
      style={{ width: '100%', height, minHeight: 480, border: 0 }}
    />
  );
}
