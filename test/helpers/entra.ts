/** Tokens from the Entra sandbox for direct requests to a Microsoft sandbox (admin-side checks in tests). */
import axios from 'axios';

import { ENTRA_SANDBOX_CLIENT_ID, ENTRA_SANDBOX_CLIENT_SECRET, ENTRA_SANDBOX_TENANT_ID } from '../../sandbox/entra';

/** The sandbox app's client-credentials token for an environment (scope `{environmentUrl}/.default`). */
export async function entraSandboxAppToken(entraUrl: string, environmentUrl: string): Promise<string> {
	const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: ENTRA_SANDBOX_CLIENT_ID, client_secret: ENTRA_SANDBOX_CLIENT_SECRET, scope: `${environmentUrl}/.default` });
	const response = await axios.post(`${entraUrl}/${ENTRA_SANDBOX_TENANT_ID}/oauth2/v2.0/token`, form.toString(), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	return String(response.data.access_token);
}
