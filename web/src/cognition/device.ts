// Short descriptions of the device and browser stored with every test session, so results are
// compared only with the person's own baseline on the same device.

interface UaData {
  platform?: string;
  mobile?: boolean;
  brands?: { brand: string; version: string }[];
}

export function browserFromUserAgent(ua: string, brands?: { brand: string; version: string }[]): string {
  const known = (brands ?? []).find((b) => !/not.?a.?brand|chromium/i.test(b.brand));
  if (known) return `${known.brand} ${known.version}`;
  const rules: [RegExp, string][] = [
    [/Edg\/([\d.]+)/, 'Edge'],
    [/OPR\/([\d.]+)/, 'Opera'],
    [/Firefox\/([\d.]+)/, 'Firefox'],
    [/SamsungBrowser\/([\d.]+)/, 'Samsung Internet'],
    [/HeadlessChrome\/([\d.]+)/, 'Headless Chrome'],
    [/Chrome\/([\d.]+)/, 'Chrome'],
    [/Chromium\/([\d.]+)/, 'Chromium'],
    [/Version\/([\d.]+).*Safari/, 'Safari'],
  ];
  for (const [re, name] of rules) {
    const m = ua.match(re);
    if (m) return `${name} ${m[1].split('.')[0]}`;
  }
  const chromium = (brands ?? []).find((b) => /chromium/i.test(b.brand));
  if (chromium) return `Chromium ${chromium.version}`;
  return 'unknown browser';
}

export function deviceDescription(
  platform: string,
  mobile: boolean | undefined,
  width: number,
  height: number,
  dpr: number,
): string {
  const kind = mobile === undefined ? '' : mobile ? ' phone/tablet' : ' desktop';
  return `${platform || 'unknown'}${kind}, screen ${width}x${height}${dpr && dpr !== 1 ? ` @${dpr}x` : ''}`;
}

export function currentDevice(): { device: string; browser: string } {
  const nav = navigator as Navigator & { userAgentData?: UaData };
  const ua = nav.userAgentData;
  const platform = ua?.platform || navigator.platform || '';
  return {
    device: deviceDescription(platform, ua?.mobile, screen.width, screen.height, window.devicePixelRatio),
    browser: browserFromUserAgent(navigator.userAgent, ua?.brands),
  };
}
