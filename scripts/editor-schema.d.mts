// Types of scripts/editor-schema.mjs, for the tests that run it in process.

/** Where the editor schema is written, relative to the repository root. */
export declare const EDITOR_SCHEMA: string;

/** The editor schema (draft-07) composed from compose-spec.json's and x-ecs.schema.json's parsed contents. */
export declare function composeEditorSchema(compose: object, xEcs: object): Record<string, unknown>;

/** The text of schemas/compose-editor.schema.json as the sources make it. */
export declare function renderEditorSchema(): Promise<string>;
