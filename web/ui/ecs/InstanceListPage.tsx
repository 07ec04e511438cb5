// The instance list (#/ecs/instances): placeholder until the instances UI lands (issue 6).
import type { EcsPageProps } from './DiskListPage';

export function InstanceListPage(_props: EcsPageProps) {
  return <section data-testid="instance-list" />;
}
