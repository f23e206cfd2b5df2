import { z, type ZodType } from 'zod';
import { createTestStation } from '../../electron/testing/station';
import { Dispatcher, type MethodSpec } from '../../electron/transport/dispatcher';
import type { HandlerName, Role } from '../../electron/contract';
import type { JsonSchema } from './fuzz-gen';

export interface HandlerSpec {
  name: string;
  role: Role;
  args: JsonSchema;
}

/**
 * Every handler the station registers, with its least role and its argument schema as JSON
 * Schema: an in-process training station is composed once (openStation, the same composition the
 * server runs) and each registration is recorded as it passes through Dispatcher.method.
 */
export async function collectHandlerSpecs(): Promise<HandlerSpec[]> {
  const seen: { name: string; role: Role; args: ZodType }[] = [];
  const original = Dispatcher.prototype.method;
  Dispatcher.prototype.method = function record<N extends HandlerName>(
    this: Dispatcher,
    name: N,
    spec: MethodSpec<N>,
  ): void {
    seen.push({ name, role: spec.role, args: spec.args });
    original.call(this, name, spec);
  };
  let station;
  try {
    station = await createTestStation();
  } finally {
    Dispatcher.prototype.method = original;
  }
  await station.dispose();
  return seen.map(({ name, role, args }) => ({
    name,
    role,
    args: z.toJSONSchema(args, { io: 'input', unrepresentable: 'any' }) as JsonSchema,
  }));
}
