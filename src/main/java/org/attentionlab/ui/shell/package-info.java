/**
 * The main window: navigation list, content area, status bar with the ND4J backend, language menu
 * and presenter mode (full screen, font scaling, high contrast).
 */
package org.attentionlab.ui.shell;
