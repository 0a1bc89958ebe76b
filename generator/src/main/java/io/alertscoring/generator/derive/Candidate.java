package io.alertscoring.generator.derive;

/** A rule hit on one node: what the analyzer would alert, before the daily alert budget. */
record Candidate(int node, Typology typology, double score, double volumeUsd, String evidence) {}
