// SHA-256 and SHA-512 from WebCrypto.
import { subtle } from './webcrypto.js';

export const sha256 = async (data) => new Uint8Array(await subtle().digest('SHA-256', data));
export const sha512 = async (data) => new Uint8Array(await subtle().digest('SHA-512', data));
