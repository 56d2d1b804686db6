import { z } from 'zod';

/** Deployment facts the designer needs: where run links point (TEMPORAL_UI_URL) and in which namespace. */
export const designerSettingsSchema = z.object({
  temporalUiUrl: z.string(),
  temporalNamespace: z.string(),
});
export type DesignerSettings = z.infer<typeof designerSettingsSchema>;
