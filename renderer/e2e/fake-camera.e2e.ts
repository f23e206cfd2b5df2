import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { darkFrame, documentFrame, fakeCameraArgs, qrFrame, writeY4m } from './fake-camera';
import { launchBrowser } from './harness';

/**
 * The fake camera files play in Chromium as a webcam, and the renderer's own media modules
 * (bundled here as they are) judge them as the kiosk will: the document is 'ready', the QR reads
 * back exactly, the dark room is 'too-dark', the JPEG fits the core's limit.
 */
const LINK = 'LAKONMANDIRA:STATUS/OKI-KJU01-20261129-0001/7K3M9QXD';
const media = fileURLToPath(new URL('../src/lib/media/', import.meta.url));

// Runs in the page; plain JavaScript because this folder is type-checked without the DOM.
const PROBE = `
import { SteadyCapture, exposure, sharpness, toGray } from './frame-quality';
import { MAX_PHOTO_BYTES, compressToJpeg } from './jpeg';
import { decodeQr, scanLoop } from './qr-scan';

const video = document.createElement('video');
const canvas = document.createElement('canvas');
const context = canvas.getContext('2d', { willReadFrequently: true });
const nextFrame = () => new Promise((done) => video.requestVideoFrameCallback(() => done()));

function grab() {
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  context.drawImage(video, 0, 0);
  return context.getImageData(0, 0, canvas.width, canvas.height);
}

window.lmProbe = {
  async start(constraints = true) {
    const stream = await navigator.mediaDevices.getUserMedia({ video: constraints, audio: false });
    video.muted = true;
    video.srcObject = stream;
    await video.play();
    await nextFrame();
    const { width, height, frameRate } = stream.getVideoTracks()[0].getSettings();
    return { width, height, frameRate };
  },
  pixel(x, y) {
    return [...grab().data.slice((y * video.videoWidth + x) * 4, (y * video.videoWidth + x) * 4 + 3)];
  },
  async steady(frames) {
    const capture = new SteadyCapture();
    const verdicts = [];
    for (let i = 0; i < frames; i++) {
      const image = grab();
      const v = capture.push(toGray(image.data, image.width, image.height));
      verdicts.push({ state: v.state, sharpness: Math.round(v.sharpness), mean: Math.round(v.exposure.mean), motion: v.motion });
      // The next sample is the next frame the camera presents (the capture screen's own pace).
      await nextFrame();
    }
    return verdicts;
  },
  quality() {
    const image = grab();
    const gray = toGray(image.data, image.width, image.height);
    return { sharpness: sharpness(gray), ...exposure(gray) };
  },
  decode: () => decodeQr(grab()),
  scan() {
    const started = performance.now();
    return new Promise((done) => scanLoop(video, (text) => done({ text, ms: performance.now() - started })));
  },
  async jpeg(maxBytes) {
    const { blob, width, height, quality } = await compressToJpeg(video, video.videoWidth, video.videoHeight, maxBytes);
    const head = [...new Uint8Array(await blob.slice(0, 2).arrayBuffer())];
    return { bytes: blob.size, max: MAX_PHOTO_BYTES, width, height, quality, head };
  },
};
`;

let server: Server;
let origin: string;
let probe: string;
const dir = mkdtempSync(join(tmpdir(), 'lm-fake-camera-'));
const browsers: Browser[] = [];

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>camera</title>');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  // 127.0.0.1 is a secure context, which getUserMedia needs; about:blank and data: are not.
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const bundle = await build({
    stdin: { contents: PROBE, resolveDir: media, loader: 'js' },
    bundle: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  probe = bundle.outputFiles[0]?.text ?? '';
});
afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await new Promise((done) => server?.close(done));
});

/** A browser whose only webcam plays `file`, on a page with the probe loaded and the video on. */
async function cameraPage(
  file: string,
  constraints: object | true = true,
): Promise<{ page: Page; settings: Record<string, number> }> {
  const browser = await launchBrowser(fakeCameraArgs(file));
  browsers.push(browser);
  const page = await browser.newPage();
  await page.goto(origin);
  await page.addScriptTag({ content: probe });
  const settings = (await page.evaluate(
    `window.lmProbe.start(${JSON.stringify(constraints)})`,
  )) as Record<string, number>;
  return { page, settings };
}

type Verdicts = { state: string; sharpness: number; motion: number | null }[];

// Each file needs its own browser; launching them side by side keeps the file to a few seconds.
describe.concurrent('fake camera', () => {
  it('shows a document the frame check calls ready, and a JPEG the core accepts', async ({
    expect,
  }) => {
    const file = join(dir, 'document.y4m');
    writeY4m(file, [documentFrame()]);
    // What the document step asks for; the fake camera keeps the file's size and rate.
    const asked = { width: { ideal: 1280 }, height: { ideal: 720 } };
    const { page, settings } = await cameraPage(file, asked);
    expect(settings).toMatchObject({ width: 640, height: 480, frameRate: 10 });

    // BT.601 limited range in, RGB out: flat areas come back within a level or two.
    const paper = (await page.evaluate('window.lmProbe.pixel(50, 240)')) as number[];
    const desk = (await page.evaluate('window.lmProbe.pixel(5, 5)')) as number[];
    paper.forEach((v, i) => expect(Math.abs(v - [232, 230, 222][i]!)).toBeLessThanOrEqual(4));
    desk.forEach((v, i) => expect(Math.abs(v - [70, 58, 48][i]!)).toBeLessThanOrEqual(4));

    const quality = (await page.evaluate('window.lmProbe.quality()')) as Record<string, number>;
    expect(quality['sharpness']).toBeGreaterThan(4000);
    const verdicts = (await page.evaluate('window.lmProbe.steady(7)')) as Verdicts;
    expect(verdicts.map((v) => v.state)).toEqual([...Array(5).fill('steady'), 'ready', 'ready']);

    const jpeg = (await page.evaluate('window.lmProbe.jpeg()')) as Record<string, unknown>;
    expect(jpeg).toMatchObject({ width: 640, height: 480, quality: 0.85, head: [0xff, 0xd8] });
    expect(jpeg['bytes']).toBeLessThanOrEqual(jpeg['max'] as number);
    // A tight limit walks the plan down: lower qualities, then smaller sizes.
    const small = (await page.evaluate('window.lmProbe.jpeg(40000)')) as Record<string, number>;
    expect(small['bytes']).toBeLessThanOrEqual(40_000);
    expect(small['quality']! < 0.85 || small['width']! < 640).toBe(true);
  });

  it('never calls a moving document ready', async ({ expect }) => {
    const file = join(dir, 'moving.y4m');
    // One sample per presented frame: every sample but the first sees the document moved.
    const frames = Array.from({ length: 10 }, (_, i) =>
      documentFrame(640, 480, { offsetX: i * 3 }),
    );
    writeY4m(file, frames, 25);
    const { page } = await cameraPage(file);
    const verdicts = (await page.evaluate('window.lmProbe.steady(8)')) as Verdicts;
    expect(verdicts.some((v) => v.state === 'ready')).toBe(false);
    // The canvas may draw a frame newer than the one presented, so that two samples now and then
    // see the same frame (motion 0); most see it move.
    expect(verdicts.filter((v) => v.state === 'moving').length).toBeGreaterThanOrEqual(5);
  });

  it('shows a receipt QR that decodes to the exact link', async ({ expect }) => {
    const file = join(dir, 'qr.y4m');
    writeY4m(file, [qrFrame(LINK)]);
    const { page } = await cameraPage(file);
    expect(await page.evaluate('window.lmProbe.decode()')).toBe(LINK);
    const scan = (await page.evaluate('window.lmProbe.scan()')) as { text: string; ms: number };
    expect(scan.text).toBe(LINK);
  });

  it('shows a dark room as too dark', async ({ expect }) => {
    const file = join(dir, 'dark.y4m');
    writeY4m(file, [darkFrame()]);
    const { page } = await cameraPage(file);
    const verdicts = (await page.evaluate('window.lmProbe.steady(2)')) as Verdicts;
    expect(verdicts.map((v) => v.state)).toEqual(['too-dark', 'too-dark']);
  });
});
