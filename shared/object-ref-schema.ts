import { z } from 'zod'
import { checkObjectRef } from './object-ref'

/** The schema form of checkObjectRef, for the contract and the cleanup and run inputs. */
export const objectRefSchema = z
  .string()
  .max(512)
  .superRefine((text, context) => {
    const problem = checkObjectRef(text)
    if (problem !== null) context.addIssue({ code: 'custom', message: problem })
  })
