import mongoose, { type Model, type Schema } from 'mongoose'

/**
 * Registers a model once per process. The server (tsx) and the Remix build (Vite SSR in
 * development) can each load a model file, and both share the one mongoose package.
 */
export function defineModel<TSchema extends Schema>(name: string, schema: TSchema) {
  type Doc = mongoose.InferSchemaType<TSchema>
  return (
    (mongoose.models[name] as Model<Doc> | undefined) ?? mongoose.model<Doc>(name, schema as Schema)
  )
}
