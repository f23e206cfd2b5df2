import { acquireCamera, liveCameraCount } from '../../lib/media/camera';

const HOOK = 'lmTrainingHooks';

/**
 * Training stations only: lets an end-to-end test open a camera through the same registry the
 * webcam wizard uses, to prove the idle wipe stops it. Returns a cleanup that removes the hook.
 */
export function exposeTrainingHooks(): () => void {
  Object.assign(window, { [HOOK]: { acquireCamera: () => acquireCamera(), liveCameraCount } });
  return () => {
    Reflect.deleteProperty(window, HOOK);
  };
}
