package io.ginpreflight.plan;

import io.ginpreflight.model.CheckKind;

/** A check of how much one signal grew across a judged window, against its limit. */
public record GrowthCheck(CheckKind kind, long limit) {}
