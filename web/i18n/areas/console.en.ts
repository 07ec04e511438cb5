// English messages of the VNC console page and its hypervisor panel. Keys are prefixed 'console.';
// console.ja.ts has exactly the same keys.
export const consoleEn = {
};
