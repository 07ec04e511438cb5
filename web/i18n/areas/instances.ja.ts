// Japanese messages of the instance list, detail and launch pages. Keys are prefixed 'instances.'
// (and 'ecs.section.instances'); instances.en.ts has exactly the same keys.
export const instancesJa = {
  'ecs.section.instances': 'インスタンス',
};
