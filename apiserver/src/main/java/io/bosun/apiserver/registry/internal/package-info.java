/** The built-in kinds' strategies and the metadata validation rules every kind shares. */
package io.bosun.apiserver.registry.internal;
