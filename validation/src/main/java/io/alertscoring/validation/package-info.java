/**
 * The validation framework of SPEC section 7, as pure logic over in-memory inputs: {@link
 * io.alertscoring.validation.Validator} turns a {@link io.alertscoring.validation.ValidationInput}
 * (one stored scoring run of one batch, plus whatever evidence the user supplied: input alert ids,
 * a second scoring, labels, traps, other submissions) into a {@link
 * io.alertscoring.validation.ValidationReport} with three tiers: integrity (0 or 0.2), behaviour
 * (0..0.3) and ground truth (0..0.5). {@link io.alertscoring.validation.Comparison} runs two models
 * over the same batches and bootstraps their metric differences.
 *
 * <p>The guiding rule: a check the evidence cannot decide is reported as {@code NOT_EVALUATED},
 * never as passed, and points that depend on it are not awarded. The report says what evidence was
 * missing and what the total would have been had it passed, so a user can tell "failed" from "not
 * shown".
 */
package io.alertscoring.validation;
