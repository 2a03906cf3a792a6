// gkl-05.md: prose: an arithmetic slip at the very end. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "gkl-05.md",
  style: "prose: an arithmetic slip at the very end",
  lines: {
    "3L": (I) => I.EN(I.theta, I.eps, (x) => Math.log(I.normal(x, I.theta, I.eps) / I.normal(x, I.theta0, I.eps))),
    "3": (I) => (I.theta - I.theta0) ** 2 / (2 * I.eps ** 2),
    "7": (I) => (I.theta - I.theta0) ** 2 / I.eps ** 2,
  },
  steps: [["3L", "3", "="], ["3", "7", "="]],
  labels: {"3": "ok", "7": "wrong"},
};
