import Docker from 'dockerode'

/**
 * dockerode-loader.ts for a bundle that carries its dependencies (the installed CLI,
 * vite.cli.config.ts): there is no node_modules beside it to require from, so the
 * deferred loading of dockerode's BuildKit and ssh parts gives way to a plain import.
 */
export const DockerClient = Docker
