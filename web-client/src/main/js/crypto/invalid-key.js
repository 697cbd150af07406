/** A peer's public value that the key agreement refuses (PROTOCOL.md §5 step 2, §11). */
export class InvalidKey extends Error {}
