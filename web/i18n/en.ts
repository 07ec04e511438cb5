// English message catalogue. Its keys define MessageKey; ja.ts must have exactly the same keys
// (the compiler and test/unit/i18n.test.ts both check). "{name}" marks a parameter;
// keys ending in ".one" / ".other" are plural forms chosen by Intl.PluralRules.
export const en = {
  'app.name': 'Disk Encryption Lab',
  'app.tagline': 'Cloud disk encryption, simulated in your browser',
  'language.label': 'Language',
  'language.en': 'English',
  'language.ja': '日本語',
  'nav.skip': 'Skip to content',
  'footer.note': 'Static and browser-only: nothing you do here leaves this browser.',

  'about.title': 'About this lab',
  'about.intro':
    'Disk Encryption Lab is a static, browser-only simulator of Alibaba Cloud ECS disk encryption. Everything runs in this browser tab: there is no server and no account, and nothing you do here leaves your machine.',
  'about.layers.title': 'Two layers of keys',
  'about.layers.body':
    'ECS encrypts a disk with envelope encryption. Each disk has its own data key, which encrypts every stored sector with AES-256-XTS. The data key is kept only in encrypted form, encrypted by a KMS key. In this lab a KMS key is a non-extractable WebCrypto key: the browser uses it, but not even the page’s own code can read its bytes. When an instance starts, the data key is decrypted inside the crypto workers and stays there while the disk is in use.',
  'layers.label': 'The two layers of keys',
  'layers.kms': 'KMS key',
  'layers.kms.note': 'non-extractable WebCrypto key',
  'layers.wraps': 'encrypts',
  'layers.dek': 'Data key',
  'layers.dek.note': 'one per disk, 64 bytes, stored only encrypted',
  'layers.encrypts': 'AES-256-XTS',
  'layers.disk': 'Disk sectors',
  'layers.disk.note': 'every stored sector is ciphertext',
  'about.where.title': 'What runs where',
  'about.where.intro': 'The lab is being built in stages. This is what exists today and what comes later.',
  'about.where.kernel.name': 'AES-XTS kernel',
  'about.where.kernel.body': 'AssemblyScript compiled to WebAssembly, running in a pool of crypto workers beside the page.',
  'about.where.kms.name': 'KMS keys',
  'about.where.kms.body': 'Non-extractable WebCrypto keys that wrap each disk’s data key; data keys are unwrapped only inside the workers.',
  'about.where.disks.name': 'Disks and snapshots',
  'about.where.disks.body': 'Sparse block devices stored in IndexedDB, every sector encrypted under the disk’s data key.',
  'about.where.vm.name': 'Instances',
  'about.where.vm.body': 'An x86 emulator that boots from the encrypted disk — and shows a black screen when its key is disabled.',
  'about.where.console.name': 'Console, terminal and tutorials',
  'about.where.console.body': 'A web console for keys, disks, snapshots, images and instances, an aliyun-style terminal and guided scenarios.',
  'status.available': 'Available now',
  'status.later': 'Coming later',
  'about.live.title': 'Check the engine yourself',
  'about.live.body':
    'The two panels below use the real crypto engine in this browser: the same workers and WebAssembly kernel that will encrypt the lab’s disks.',

  'selftest.title': 'Crypto engine self-test',
  'selftest.description':
    'Runs the IEEE 1619 known-answer vectors (XTS-AES with 256- and 128-bit keys) on every worker of the pool: each plaintext must encrypt to the published ciphertext, and each ciphertext decrypt back.',
  'selftest.running': 'Running the known-answer checks in the worker pool…',
  'selftest.passed.one': 'All {checks} checks passed in {workers} worker ({ms} ms).',
  'selftest.passed.other': 'All {checks} checks passed in {workers} workers ({ms} ms).',
  'selftest.failed': '{failed} of {checks} checks failed.',
  'selftest.error': 'The self-test could not run: {message}',
  'selftest.rerun': 'Run again',
  'selftest.col.case': 'Case',
  'selftest.pass': 'Pass',
  'selftest.fail': 'Fail',
  'op.encrypt': 'Encrypt',
  'op.decrypt': 'Decrypt',

  'throughput.title': 'Throughput',
  'throughput.description':
    'A short measurement (a few seconds) of AES-256-XTS in the worker pool, beside the browser’s native WebCrypto AES-256-CTR as a reference. WebCrypto has no XTS mode; CTR shows what native code does on this machine.',
  'throughput.measure': 'Measure',
  'throughput.measuring': 'Measuring…',
  'throughput.progress': 'Measurement progress',
  'throughput.idle': 'Press Measure to start. The figures depend on this device and on what else it is doing.',
  'throughput.error': 'The measurement failed: {message}',
  'throughput.caption': 'MiB/s, higher is better; measured in {workers} workers.',
  'throughput.col.op': 'Operation',
  'throughput.col.kernel': 'Kernel (worker pool), AES-XTS',
  'throughput.col.native': 'WebCrypto AES-CTR (native)',
  'throughput.col.ratio': 'Kernel ÷ native',
  'common.none': '—',
} as const;

export type MessageKey = keyof typeof en;
