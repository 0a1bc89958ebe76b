/**
 * How every sub-command of {@code bin/alert-scoring} is parsed and run: picocli commands that
 * implement {@link io.alertscoring.launcher.cli.CliCommand}, run by {@link
 * io.alertscoring.launcher.cli.CommandRunner} with one set of exit statuses (0 ok, 2 a usage error
 * in one line, 1 a failure while running in one line) and the connection options' environment
 * defaults.
 */
package io.alertscoring.launcher.cli;
