import { z } from 'zod';

/**
 * The shape of resources/data/catalogue.json (docs/kiosk-catalogue.md). Strict objects: a misspelt
 * key is an error, not a silently missing requirement. Cross-references are checked in catalogue.ts.
 */

const CODE = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'codes are lower-case kebab-case');

const text = z
  .string()
  .min(1)
  .refine((s) => s === s.trim(), 'no leading or trailing spaces');

/** Both languages, always: Bahasa Indonesia first, English selectable (architecture §5). */
export const localText = z.strictObject({ id: text, en: text });

const provenance = {
  verified: z.boolean(),
  source: text,
};

const need = z.enum(['required', 'optional', 'conditional']);

const formSchema = z.strictObject({
  code: z.string().regex(/^F-\d\.\d{2}$/, 'form codes look like F-1.02'),
  title: localText,
  ...provenance,
});

const requirementSchema = z.strictObject({
  code: CODE,
  kind: z.enum(['document', 'form', 'in-person']),
  label: localText,
  hint: localText.optional(),
  form: z.string().optional(),
  bringOriginal: z.enum(['show', 'hand-in', 'none']),
  photoAtKiosk: z.boolean(),
});

const fieldSchema = z.strictObject({
  code: CODE,
  type: z.enum(['nik', 'kk', 'text', 'date', 'select', 'choice', 'region', 'phone']),
  label: localText,
  hint: localText.optional(),
  codeList: z.string().optional(),
  options: z.array(z.strictObject({ value: CODE, label: localText })).optional(),
  validation: z
    .strictObject({
      minLength: z.number().int().min(0).optional(),
      maxLength: z.number().int().min(1).optional(),
      pattern: z.string().min(1).optional(),
      notInFuture: z.boolean().optional(),
    })
    .optional(),
});

const use = {
  ref: CODE,
  need,
  condition: localText.optional(),
};

const serviceSchema = z.strictObject({
  code: CODE,
  title: localText,
  summary: localText,
  explanation: localText,
  eligibility: z.array(z.strictObject({ text: localText, ...provenance })),
  requirements: z
    .array(z.strictObject({ ...use, alternatives: z.array(CODE).min(1).optional() }))
    .min(1, 'every service has at least one requirement'),
  fields: z
    .array(z.strictObject({ ...use, label: localText.optional() }))
    .min(1, 'every service asks at least one field'),
  forms: z.array(z.string()),
  legalBasis: text,
  /** Approval changes an existing resident's data: a supervisor confirms an operator's approval. */
  changesResident: z.boolean(),
  hasChildData: z.boolean().optional(),
  ...provenance,
});

const groupSchema = z.strictObject({
  code: CODE,
  queueLetter: z.string().regex(/^[A-Z]$/, 'one capital letter'),
  icon: CODE,
  kind: z.enum(['application', 'status-check']),
  title: localText,
  summary: localText,
  services: z.array(serviceSchema),
});

export const catalogueFileSchema = z.strictObject({
  '//': z.string().optional(),
  version: z.literal(1),
  fee: z.literal(0, 'services are free of charge (UU 24/2013 Ps 79A): fee must be 0'),
  freeOfCharge: z.strictObject({ text: localText, legalBasis: text, ...provenance }),
  notices: z.array(z.strictObject({ code: CODE, text: localText, ...provenance })),
  forms: z.array(formSchema),
  requirements: z.array(requirementSchema),
  fields: z.array(fieldSchema),
  groups: z.array(groupSchema).min(1),
});

export type CatalogueFile = z.infer<typeof catalogueFileSchema>;
export type RequirementDef = z.infer<typeof requirementSchema>;
export type FieldDef = z.infer<typeof fieldSchema>;
export type ServiceDef = z.infer<typeof serviceSchema>;
