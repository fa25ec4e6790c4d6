// The flags of every Chromium the workbook starts (browser-driver.mjs,
// timeline-probe.mjs): a headless run on a machine without network access or a desktop.
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
