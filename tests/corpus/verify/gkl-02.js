// gkl-02.md: prose: the wrong mean used for E[x]. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "gkl-02.md",
  style: "prose: the wrong mean used for E[x]",
  lines: {
    "3L": (I) => I.EN(I.theta, I.eps, (x) => Math.log(I.normal(x, I.theta, I.eps) / I.normal(x, I.theta0, I.eps))),
    "3": (I) => I.EN(I.theta, I.eps, (x) => 2 * x * I.theta - 2 * x * I.theta0 + I.theta0 ** 2 - I.theta ** 2) / (2 * I.eps ** 2),
    "7": (I) => (2 * I.theta0 * I.theta - 2 * I.theta0 ** 2 + I.theta0 ** 2 - I.theta ** 2) / (2 * I.eps ** 2),
  },
  steps: [["3L", "3", "="], ["3", "7", "="]],
  labels: {"3": "ok", "7": "wrong"},
};
