// sat-02.md: prose, the inner derivative forgotten. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "sat-02.md",
  style: "prose, the inner derivative forgotten",
  lines: {
    "3L": (I) => I.dth((th) => I.Ez((z) => Math.log(1 - I.D(I.G(z, th))))),
    "3": (I) => I.Ez((z) => -I.D(I.G(z))),
  },
  steps: [["3L", "3", "="]],
  labels: {"3": "wrong"},
};
