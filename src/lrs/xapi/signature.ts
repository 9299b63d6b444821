/**
 * Signed statements: a statement may carry a JWS (compact serialisation) as an attachment with
 * usageType "…/signature". The LRS checks the JWS is well formed, uses an RSA-SHA2 algorithm,
 * signs the same statement (by xAPI statement comparison), and verifies it when the header
 * carries the signer's certificate (x5c).
 */
import { createPublicKey, createVerify, X509Certificate } from 'node:crypto';
import { canonicalJson, withoutLrsFields } from './prepare-statement.ts';

/** The usageType of a signature attachment. */
export const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature';

const ALGORITHMS: Record<string, string> = {
  RS256: 'RSA-SHA256',
  RS384: 'RSA-SHA384',
  RS512: 'RSA-SHA512',
};

/** Why a signature is unacceptable, or undefined when it is acceptable. */
export function signatureProblem(
  statement: Record<string, unknown>,
  jws: string,
): string | undefined {
  const pieces = jws.trim().split('.');
  if (pieces.length !== 3)
    return 'the signature is not a JWS in compact serialisation (header.payload.signature)';
  const [headerPart, payloadPart, signaturePart] = pieces as [string, string, string];
  let header: { alg?: string; x5c?: string[] };
  let payload: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  } catch {
    return 'the JWS header or payload is not base64url-encoded JSON';
  }
  const algorithm = header.alg ? ALGORITHMS[header.alg] : undefined;
  if (!algorithm)
    return `the JWS algorithm must be RS256, RS384 or RS512 (got ${String(header.alg)})`;
  if (canonicalJson(comparable(payload)) !== canonicalJson(comparable(statement))) {
    return 'the JWS payload is not the statement it signs';
  }
  if (header.x5c?.[0]) {
    try {
      const certificate = new X509Certificate(Buffer.from(header.x5c[0], 'base64'));
      const verifier = createVerify(algorithm);
      verifier.update(`${headerPart}.${payloadPart}`);
      if (
        !verifier.verify(
          createPublicKey(certificate.publicKey.export({ type: 'spki', format: 'pem' })),
          Buffer.from(signaturePart, 'base64url'),
        )
      ) {
        return 'the JWS signature does not verify with the certificate in its x5c header';
      }
    } catch {
      return 'the certificate in the JWS x5c header cannot be read';
    }
  }
  return undefined;
}

function comparable(statement: Record<string, unknown>): Record<string, unknown> {
  const copy = withoutLrsFields(statement);
  delete copy.attachments;
  delete copy.id;
  delete copy.timestamp;
  return copy;
}
