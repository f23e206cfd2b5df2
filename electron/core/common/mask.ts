// The mask lives in electron/protocol (the hub's back-office masks with the same rule).
export { maskKk, maskNik } from '../../protocol/mask';
