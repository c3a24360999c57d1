package org.attentionlab.ui;

import javafx.application.Application;
import javafx.stage.Stage;

/** The composition root of the desktop app. */
public final class AttentionLabApp extends Application {

    /** Called by {@code Main} with no arguments. */
    public static void launchApp(String[] args) {
        Application.launch(AttentionLabApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("Attention Lab");
        stage.show();
    }
}
