// A local OpenID Connect provider for development and tests. DEVELOPMENT ONLY: fixed users with
// published passwords, in-memory state, keys that live as long as the process. Never expose it.
//
//   node tools/oidc/server.mjs [--port 5090] [--redirect http://localhost:5080/]... [--post-logout-redirect URL]...
//                              [--client-id tasks-web] [--audience tasks-api] [--access-token-ttl 300]
//
// A negative --access-token-ttl (tests only) issues access tokens that expired that many seconds ago,
// so that a test of expiry needs no waiting; oidc-provider itself takes positive lifetimes only.
//
// Issuer http://localhost:<port>, bound to 127.0.0.1. The page is a public client (code + PKCE, no
// secret); its access tokens are RS256 JWTs for the API resource, with `aud` = --audience even when
// the page sends no `resource`. Prints `ready <issuer>` once listening; stops on SIGTERM or Ctrl+C.
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '5090' },
    redirect: { type: 'string', multiple: true, default: [] },
    'post-logout-redirect': { type: 'string', multiple: true, default: [] },
    'client-id': { type: 'string', default: 'tasks-web' },
    audience: { type: 'string', default: 'tasks-api' },
    'access-token-ttl': { type: 'string', default: '300' },
  },
});
const port = Number(args.port);
const accessTokenTtl = Number(args['access-token-ttl']);
if (!Number.isInteger(port) || !Number.isInteger(accessTokenTtl) || accessTokenTtl === 0) {
  throw new Error('--port and --access-token-ttl take non-zero whole numbers (a negative TTL as --access-token-ttl=-600)');
}
const issuedTtl = Math.max(accessTokenTtl, 1);
const issuer = `http://localhost:${port}`;
// A resource indicator must be an absolute URI; the audience in the token is the plain name.
const resource = `urn:${args.audience}`;

// The development users. `sub` is fixed per user so that their tasks survive a restart.
const users = {
  alice: { sub: 'b0a1c3e2-0000-4000-8000-00000000a11c', password: 'alice-password', name: 'Alice Example' },
  bob: { sub: 'b0b0b0b0-0000-4000-8000-000000000b0b', password: 'bob-password', name: 'Bob Example' },
};
const bySub = new Map(Object.entries(users).map(([login, user]) => [user.sub, { login, ...user }]));

const signingKey = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
const resourceServer = {
  scope: 'tasks',
  audience: args.audience,
  accessTokenFormat: 'jwt',
  accessTokenTTL: issuedTtl,
  jwt: { sign: { alg: 'RS256' } },
};

const provider = new Provider(issuer, {
  clients: [{
    client_id: args['client-id'],
    client_name: 'Tasks page',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: args.redirect,
    post_logout_redirect_uris: args['post-logout-redirect'].length ? args['post-logout-redirect'] : args.redirect,
  }],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
  async findAccount(_ctx, sub) {
    const user = bySub.get(sub);
    return user && { accountId: sub, claims: () => ({ sub, name: user.name, preferred_username: user.login }) };
  },
  pkce: { required: () => true },
  responseTypes: ['code'],
  ttl: {
    AccessToken: issuedTtl,
    AuthorizationCode: 60,
    IdToken: 3600,
    Interaction: 600,
    Session: 8 * 3600,
    Grant: 8 * 3600,
  },
  // The page calls the token endpoint from the browser: allow its own origins (discovery and JWKS are open to all).
  clientBasedCORS: (_ctx, origin, client) => client.redirectUris.some((uri) => new URL(uri).origin === origin),
  formats: {
    customizers: {
      async jwt(_ctx, _token, jwt) {
        if (accessTokenTtl < 0) {
          jwt.payload.exp = jwt.payload.iat + accessTokenTtl;
          jwt.payload.iat = jwt.payload.exp - 60;
        }
      },
    },
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  features: {
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: true,
      defaultResource: async () => resource,
      useGrantedResource: async () => true,
      getResourceServerInfo: async (_ctx, indicator) => {
        if (indicator !== resource) throw new Provider.errors.InvalidTarget();
        return resourceServer;
      },
    },
    rpInitiatedLogout: {
      enabled: true,
      // No "are you sure" step: the sign-out the page asked for happens at once.
      logoutSource: async (ctx, form) => {
        ctx.body = page('Signing out', `${form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>')}
          <button type="submit" form="op.logoutForm">Sign out</button>
          <script>document.getElementById('op.logoutForm').submit()</script>`);
      },
    },
  },
});
provider.proxy = false;

// The interaction pages: a login form, and consent that grants whatever was asked (one trusted client).
provider.use(async (ctx, next) => {
  const match = /^\/interaction\/([^/]+)$/.exec(ctx.path);
  if (!match) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (details.uid !== match[1]) ctx.throw(400, 'interaction mismatch');

  let result;
  if (details.prompt.name === 'consent') {
    result = { consent: { grantId: await grantEverything(details) } };
  } else if (ctx.method === 'POST') {
    const form = new URLSearchParams(await readBody(ctx.req));
    const user = users[form.get('login') ?? ''];
    if (!user || user.password !== form.get('password')) {
      ctx.status = 401;
      ctx.body = loginPage(details.uid, 'Unknown user or wrong password.');
      return;
    }
    result = { login: { accountId: user.sub } };
  } else {
    ctx.body = loginPage(details.uid);
    return;
  }
  ctx.status = 303;
  ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: true }));
});

async function grantEverything(details) {
  const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = details.prompt.details;
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
  if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
  if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
  return grant.save();
}

async function readBody(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error('form too large');
  }
  return body;
}

function loginPage(uid, error = '') {
  return page('Sign in', `<form method="post" action="/interaction/${uid}">
      ${error ? `<p role="alert">${error}</p>` : ''}
      <label>User <input name="login" autocomplete="username" autofocus></label>
      <label>Password <input name="password" type="password" autocomplete="current-password"></label>
      <button type="submit">Sign in</button>
    </form>
    <p>Development users: alice / alice-password, bob / bob-password.</p>`);
}

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} - local OpenID provider</title>
    <style>body{font-family:sans-serif;max-width:22rem;margin:3rem auto}label{display:block;margin:.5rem 0}</style>
    </head><body><h1>${title}</h1>${body}</body></html>`;
}

const server = provider.listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
