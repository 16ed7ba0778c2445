import { useParams } from 'react-router';

/**
 * A plugin's page (served by the host at /plugins/{id}/…, route params
 * ":id/*") in a frame; shared by the console and the portal.
 */
export function PluginFrame({ height }: { height: string }) {
  const { id = '', '*': rest = '' } = useParams();
  return (
    <iframe
      title={id}
      src={`/plugins/${encodeURIComponent(id)}/${rest}`}
      sandbox="allow-scripts allow-forms allow-same-origin allow-downloads"
      style={{ width: '100%', height, minHeight: 480, border: 0 }}
    />
  );
}
