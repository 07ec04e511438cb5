// English messages of the instance list, detail and launch pages. Keys are prefixed 'instances.'
// (and 'ecs.section.instances'); instances.ja.ts has exactly the same keys.
export const instancesEn = {
  'ecs.section.instances': 'Instances',
};
