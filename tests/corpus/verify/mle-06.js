// mle-06.md: prose, a Jensen slip. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "mle-06.md",
  style: "prose, a Jensen slip",
  lines: {
    "3L": (I) => -I.Ed(x => Math.log(I.pt(x))),
    "3": (I) => -I.Ed(x => Math.log(I.pt(x))),
    "7": (I) => -Math.log(I.Ed(x => I.pt(x))),
  },
  steps: [["3L", "3", "="], ["3", "7", "="]],
  labels: {"3": "ok", "7": "wrong"},
};
