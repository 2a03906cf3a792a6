// gkl-07.md: d/dtheta and absolute values (notation being added). Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "gkl-07.md",
  style: "d/dtheta and absolute values (notation being added)",
  lines: {
    "3L": (I) => (I.theta - I.theta0) / I.eps ** 2,
    "3": (I) => (I.theta - I.theta0) / I.eps ** 2,
    "7L": (I) => Math.abs(I.theta - I.theta0) / I.eps ** 2,
    "7": (I) => Math.abs(I.theta - I.theta0) / I.eps ** 2,
  },
  steps: [["3L", "3", "="], ["7L", "7", "="]],
  labels: {"3": "ok", "7": "ok"},
};
