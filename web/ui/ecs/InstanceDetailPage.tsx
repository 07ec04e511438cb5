// One instance (#/ecs/instances/<id>): placeholder until the instances UI lands (issue 6).
import type { EcsPageProps } from './DiskListPage';

export function InstanceDetailPage(props: EcsPageProps & { instanceId: string }) {
  return <section data-testid="instance-detail">{props.instanceId}</section>;
}
