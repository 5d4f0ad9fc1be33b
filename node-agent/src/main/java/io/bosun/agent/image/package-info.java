/**
 * Images for a runtime without a registry: an {@link io.bosun.agent.image.ImageCatalog} maps image
 * names ({@link io.bosun.agent.image.ImageReference}) to the entrypoint and default arguments
 * ({@link io.bosun.agent.image.ImageEntry}) that stand in for them on this machine.
 */
package io.bosun.agent.image;
