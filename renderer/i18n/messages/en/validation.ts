/** English wording of input problems (names, references, run and commit options, paths) found while the user types or by the core. */
export const validation = {
}
