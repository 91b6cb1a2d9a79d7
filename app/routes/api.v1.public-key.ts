import { licencePublicKey, SIGNATURE_HEADER } from "~/modules/licensing/licence-api.server";

/** GET /api/v1/public-key — the Ed25519 key that signs licence API responses (PEM and raw base64). */
export function loader() {
  return Response.json(
    { ...licencePublicKey(), signatureHeader: SIGNATURE_HEADER },
    { headers: { "Cache-Control": "public, max-age=3600" } },
  );
}
