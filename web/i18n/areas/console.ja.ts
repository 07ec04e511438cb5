// Japanese messages of the VNC console page and its hypervisor panel. Keys are prefixed 'console.';
// console.en.ts has exactly the same keys.
export const consoleJa = {
};
