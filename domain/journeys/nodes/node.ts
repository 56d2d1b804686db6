import { z } from 'zod';

// Node ids name React Flow nodes, workflow search attributes and run histories: keep them plain.
const idPattern = /^[A-Za-z0-9_-]{1,64}$/;
const idMessage = '1–64 letters, digits, _ or -';

export const nodeIdSchema = z.string().regex(idPattern, idMessage);

/** Ids of the parts of a node or journey that become output handles or are reported on: branches, variants, goals. */
export const partIdSchema = z.string().regex(idPattern, idMessage);

export const nodeLabelSchema = z.string().max(120);

export const positionSchema = z.object({ x: z.number(), y: z.number() });

/** One way out of a node: edges leave from it (its id is the edge's sourceHandle). */
export interface NodeOutput {
  id: string;
  label: string;
}

export const nextOutput: NodeOutput = { id: 'next', label: 'next' };

export type NodeCategory = 'trigger' | 'flow' | 'action' | 'end';

/** How the designer shows the node type in its palette and on the canvas. */
export interface NodePalette {
  label: string;
  description: string;
  icon: string;
  colour: string;
  category: NodeCategory;
}

interface NodeTypeSpec<Type extends string, Settings extends z.ZodType> {
  type: Type;
  settingsSchema: Settings;
  palette: NodePalette;
  /** A run can stay at the node for a while, so a loop through it cannot spin. */
  waits: boolean;
  outputs: (settings: z.output<Settings>) => NodeOutput[];
}

/** A node type with the schema of its nodes as drawn: id, type, optional label, position and its settings. */
export function defineNodeType<const Type extends string, Settings extends z.ZodType>(spec: NodeTypeSpec<Type, Settings>) {
  return {
    ...spec,
    nodeSchema: z.object({
      id: nodeIdSchema,
      type: z.literal(spec.type),
      label: nodeLabelSchema.optional(),
      position: positionSchema,
      settings: spec.settingsSchema,
    }),
  };
}
