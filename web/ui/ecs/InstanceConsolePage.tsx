// An instance's VNC console (#/ecs/instances/<id>/console): placeholder until the console lands (issue 6).
import type { EcsPageProps } from './DiskListPage';

export function InstanceConsolePage(props: EcsPageProps & { instanceId: string }) {
  return <section data-testid="instance-console">{props.instanceId}</section>;
}
