// The ECS pages' action helper is the console's one (web/ui/use-action.ts); what is ECS's own here is
// which calls may change what these pages show.
export { createAction as createEcsAction, type Action as EcsAction } from '../use-action';

/** Whether a call may have changed what the ECS pages show (their own reads never set off another round). */
export function changesEcsView(product: string, action: string): boolean {
  if (/^(Describe|List|Get)/.test(action)) return false;
  return !(product.toLowerCase() === 'lab' && action === 'ReadDiskSectors');
}
