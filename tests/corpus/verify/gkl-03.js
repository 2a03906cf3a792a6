// gkl-03.md: the derivative, a factor 2 too many. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "gkl-03.md",
  style: "the derivative, a factor 2 too many",
  lines: {
    "3L": (I) => (I.theta - I.theta0) / I.eps ** 2,
    "3": (I) => (I.theta - I.theta0) / I.eps ** 2,
    "5": (I) => 2 * (I.theta - I.theta0) / I.eps ** 2,
  },
  steps: [["3L", "3", "="], ["3", "5", "="]],
  labels: {"3": "ok", "5": "wrong"},
};
