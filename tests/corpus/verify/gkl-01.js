// gkl-01.md: skipped steps: straight to the closed form. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "gkl-01.md",
  style: "skipped steps: straight to the closed form",
  lines: {
    "3L": (I) => I.EN(I.theta, I.eps, (x) => Math.log(I.normal(x, I.theta, I.eps) / I.normal(x, I.theta0, I.eps))),
    "3": (I) => I.EN(I.theta, I.eps, (x) => ((x - I.theta0) ** 2 - (x - I.theta) ** 2) / (2 * I.eps ** 2)),
    "5": (I) => (I.theta - I.theta0) ** 2 / (2 * I.eps ** 2),
  },
  steps: [["3L", "3", "="], ["3", "5", "="]],
  labels: {"3": "ok", "5": "ok"},
};
