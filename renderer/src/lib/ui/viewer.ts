/**
 * The photo viewers' geometry (the station desk's and the back-office's), kept pure so it can be
 * tested: a scale, a quarter-turn rotation and a pan offset of the image centre from the viewport
 * centre, in screen pixels.
 */
export interface Size {
  width: number;
  height: number;
}

export type Rotation = 0 | 90 | 180 | 270;

export interface ViewState {
  scale: number;
  rotation: Rotation;
  x: number;
  y: number;
}

export const MIN_SCALE = 0.1;
export const MAX_SCALE = 8;
/** One zoom step (button, key or wheel notch). */
export const ZOOM_STEP = 1.25;
/** One arrow key press pans this far. */
export const PAN_STEP = 60;

/** The smallest and largest scale a viewer allows (desk: 0.1..8; back-office: 1x..4x the fit). */
export interface ScaleBounds {
  min: number;
  max: number;
}
const DEFAULT_BOUNDS: ScaleBounds = { min: MIN_SCALE, max: MAX_SCALE };

function clampScale(scale: number, bounds: ScaleBounds = DEFAULT_BOUNDS): number {
  return Math.min(bounds.max, Math.max(bounds.min, scale));
}

/** The image's size on screen before scaling: width and height swap at 90° and 270°. */
export function turnedSize(image: Size, rotation: Rotation): Size {
  return rotation % 180 === 0 ? image : { width: image.height, height: image.width };
}

/** The scale at which the whole (turned) image fits the viewport. */
export function fitScale(image: Size, viewport: Size, rotation: Rotation): number {
  const turned = turnedSize(image, rotation);
  if (turned.width <= 0 || turned.height <= 0) return 1;
  return clampScale(Math.min(viewport.width / turned.width, viewport.height / turned.height));
}

export function fitted(image: Size, viewport: Size, rotation: Rotation = 0): ViewState {
  return { scale: fitScale(image, viewport, rotation), rotation, x: 0, y: 0 };
}

/** Keeps at least half of the image's shorter side on screen, whatever the pan. */
function clampPan(state: ViewState, image: Size, viewport: Size): ViewState {
  const turned = turnedSize(image, state.rotation);
  const limitX = (turned.width * state.scale + viewport.width) / 2 - 40;
  const limitY = (turned.height * state.scale + viewport.height) / 2 - 40;
  const clamp = (value: number, limit: number) => Math.min(limit, Math.max(-limit, value));
  return {
    ...state,
    x: clamp(state.x, Math.max(0, limitX)),
    y: clamp(state.y, Math.max(0, limitY)),
  };
}

/**
 * Zooms by `factor`, keeping the point under `anchor` (relative to the viewport centre) where it
 * is; the wheel zooms at the pointer, buttons and keys at the centre. The scale stays in `bounds`.
 */
export function zoomBy(
  state: ViewState,
  factor: number,
  image: Size,
  viewport: Size,
  anchor: { x: number; y: number } = { x: 0, y: 0 },
  bounds: ScaleBounds = DEFAULT_BOUNDS,
): ViewState {
  const scale = clampScale(state.scale * factor, bounds);
  const ratio = scale / state.scale;
  const next: ViewState = {
    ...state,
    scale,
    x: anchor.x - (anchor.x - state.x) * ratio,
    y: anchor.y - (anchor.y - state.y) * ratio,
  };
  return clampPan(next, image, viewport);
}

/** 100 %: one image pixel per screen pixel, centred. */
export function actualSize(state: ViewState): ViewState {
  return { ...state, scale: 1, x: 0, y: 0 };
}

export function panBy(
  state: ViewState,
  dx: number,
  dy: number,
  image: Size,
  viewport: Size,
): ViewState {
  return clampPan({ ...state, x: state.x + dx, y: state.y + dy }, image, viewport);
}

/** A quarter turn clockwise, fitted again (a turned page rarely fits at the old scale). */
export function rotateRight(state: ViewState, image: Size, viewport: Size): ViewState {
  const rotation = ((state.rotation + 90) % 360) as Rotation;
  return fitted(image, viewport, rotation);
}

/** The CSS transform of the image, centred in the viewport. */
export function transformOf(state: ViewState): string {
  return `translate(-50%, -50%) translate(${state.x}px, ${state.y}px) rotate(${state.rotation}deg) scale(${state.scale})`;
}

/** A wheel delta as a zoom factor: one notch (about 100) is one step, either way. */
export function wheelFactor(deltaY: number): number {
  if (deltaY === 0) return 1;
  const notches = Math.max(-5, Math.min(5, -deltaY / 100));
  return Math.pow(ZOOM_STEP, notches);
}
