/**
 * English wording of the core's registry failures, keyed 'registry.<name>': the core says them in
 * English (errors, the command line) and puts the id and its values in the error's detail, so
 * the renderer can word the same failure in the user's language
 * (renderer/i18n/messages/<locale>/failures/registry.ts must say exactly this in English).
 * What a registry, the engine or a helper program said comes in a value ({message}, {cause}, {output}) as they said it.
 */
export const REGISTRY_FAILURES = {
  // References, pushes and pulls (electron/core/registry/reference.ts, push.ts, pull.ts, login.ts).
  'registry.notDigest': "'{digest}' is not a digest (algorithm:hex)",
  'registry.pushDigest': 'Push a tag, not a digest: {reference}',
  'registry.pushNoDigest': 'The engine ended the push of {reference} without the digest the registry stored.',
  'registry.platformNeedsApi': 'Choosing a platform needs API 1.32 or later.',
  /** {pulled}: the platforms pulled, "linux/amd64 (app@sha256:…)", comma-separated. */
  'registry.partlyPulled': '{failure} Before that, Strata pulled {pulled}; those stay on disk.',
  'registry.loginNeedsBoth': 'A login needs a user name and a password.',
  // Manifests as the registry answers them (manifests.ts, inspect-remote.ts).
  'registry.indexEntryIncomplete': "The registry's index has an entry without a digest or size.",
  'registry.manifestEntryIncomplete': "The registry's manifest has an entry without a digest or size.",
  'registry.manifestNotJson': 'The registry answered a manifest that is not JSON.',
  'registry.schema1': 'The registry answered a schema 1 manifest, which this engine no longer pulls and Strata does not read.',
  'registry.unknownManifest': 'The registry answered a manifest of a kind Strata does not read ({mediaType}).',
  'registry.unknownManifestNoType': 'The registry answered a manifest of a kind Strata does not read (no media type).',
  'registry.nestedIndex': 'The index entry {digest} is itself an index, which the engine does not pull.',
  // Credentials: the docker config and its helper programs (docker-config.ts, credential-helper.ts).
  'registry.configAuthNotBase64': "The docker config's credentials for {key} are not base64 of user:password.",
  'registry.configNotJson': 'The docker config file {path} is not valid JSON.',
  'registry.helperMissing': 'The docker config names the credential helper "{helper}", but {program} is not installed.',
  'registry.helperFailed': '{program} failed: {cause}',
  'registry.helperHint': 'Install the helper, or remove credsStore/credHelpers from the docker config.',
  'registry.helperGetFailed': 'docker-credential-{helper} get failed: {output}',
  'registry.helperStoreFailed': 'docker-credential-{helper} store failed: {output}',
  'registry.helperEraseFailed': 'docker-credential-{helper} erase failed: {output}',
  // TLS material for a registry (tls-trust.ts, http.ts).
  'registry.certsUnreadable': 'Strata cannot read the registry certificates in {path}.',
  'registry.notPem': '{path} is not a PEM certificate.',
  'registry.clientCertNoKey': 'The client certificate {path} has no key {key} beside it.',
  'registry.tlsFailed': 'TLS with the registry {registry} failed: {cause}',
  'registry.tlsHint': "Put the registry's CA certificate (ca.crt) in {folders}, as the engine expects it, or list the registry in the engine's insecure-registries.",
  'registry.tlsHintMachine': "Put the registry's CA certificate (ca.crt) in this machine, as the engine expects it, or list the registry in the engine's insecure-registries.",
  // Strata talking to a registry itself (http.ts, client.ts).
  'registry.answerTooLarge': "The registry's answer from {path} is larger than {max} bytes.",
  'registry.cancelled': 'The operation was cancelled.',
  'registry.noAnswer': 'No registry answers at {registry} ({cause}).',
  'registry.blobDigestMismatch': "The registry's blob {digest} has the digest {actual}.",
  'registry.tooManyRedirects': 'The registry {registry} redirected more than {max} times.',
  'registry.unknownAuthScheme': 'The registry {registry} asks for an authentication scheme Strata does not speak.',
  'registry.bearerNoRealm': 'The registry {registry} sent a Bearer challenge without a realm.',
  'registry.tokenStatus': 'The token service {service} answered {status}.',
  'registry.noToken': 'The token service {service} answered no token.',
  'registry.needsLogin': 'The registry {registry} needs a login.',
  'registry.needsUserAndPassword': 'The registry {registry} needs a user name and password.',
  'registry.credentialsRefused': 'The registry {registry} refused the stored credentials.',
  'registry.refusedAccess': 'The registry {registry} refused access: {message}.',
  'registry.deniedAccess': 'The registry {registry} denied access: {message}.',
  'registry.notFound': 'The registry {registry} has no {path} ({registryCode}: {message}).',
  'registry.answered': 'The registry {registry} answered {status} for {path}: {message}.',
  'registry.loginHint': 'Log in with: strata login {registry}',
  // The engine talking to a registry for Strata (engine-calls.ts).
  'registry.noDistribution': 'The engine has no /distribution endpoint before API 1.30.',
  'registry.plainHttp': 'The registry {registry} speaks plain HTTP, which the engine allows only for its insecure registries: {message}',
  'registry.plainHttpHint': 'Add "{registry}" to insecure-registries in the engine\'s daemon.json.',
  'registry.engineUnreachable': 'The engine cannot reach the registry {registry}: {message}',
  'registry.engineDenied': 'The registry {registry} denied access: {message}',
  'registry.deniedHint': 'The account in use may not have this right on the repository (a push needs write access), or the repository may not exist. Log in as another user with: strata login {registry}',
  'registry.engineRefusedCredentials': 'The registry {registry} refused the credentials: {message}',
} as const
