// gkl-06.md: step by step, every line correct. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "gkl-06.md",
  style: "step by step, every line correct",
  lines: {
    "3L": (I) => I.EN(I.theta, I.eps, (x) => Math.log(I.normal(x, I.theta, I.eps) / I.normal(x, I.theta0, I.eps))),
    "3": (I) => I.EN(I.theta, I.eps, (x) => -2 * x * I.theta0 + I.theta0 ** 2 + 2 * x * I.theta - I.theta ** 2) / (2 * I.eps ** 2),
    "5": (I) => (I.theta0 ** 2 - I.theta ** 2) / (2 * I.eps ** 2) + (2 * I.theta - 2 * I.theta0) / (2 * I.eps ** 2) * I.theta,
    "7": (I) => (I.theta - I.theta0) ** 2 / (2 * I.eps ** 2),
  },
  steps: [["3L", "3", "="], ["3", "5", "="], ["5", "7", "="]],
  labels: {"3": "ok", "5": "ok", "7": "ok"},
};
