package org.attentionlab.ui.embedding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Point2D;
import javafx.geometry.Point3D;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.PerspectiveCamera;
import javafx.scene.PointLight;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.Cylinder;
import javafx.scene.shape.Sphere;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.transform.Rotate;

import org.attentionlab.ui.embedding.EmbeddingViewModel.Point;

/**
 * Word vectors as points in 3-D, with axes, a wire box, optional arrows from the origin and
 * labels that always face the viewer: drag to rotate, scroll to zoom, double-click (or Home) to
 * reset, arrow keys to turn.
 *
 * <p>Where the graphics pipeline supports 3-D ({@link ConditionalFeature#SCENE3D}) it is a real
 * JavaFX {@link SubScene} with a {@link PerspectiveCamera}, spheres and cylinders; the labels are
 * 2-D text laid over it at the points' projected positions, so they stay upright and sharp. Where it
 * does not (the software pipeline: headless tests, some remote desktops) the same scene, the same
 * camera and the same rotation are drawn on a canvas by a small perspective projection, so the
 * picture and the mouse behave the same.
 *
 * <p>Data axes map to the scene as matplotlib draws them: x to the right, y into the depth, z up.
 * All three axes share one scale, so angles and distances look as they are.
 */
public final class Scatter3D extends Region {

    /** Colour-blind-safe colours (Okabe and Ito), one per point in turn. */
    static final List<Color> PALETTE = List.of(Color.web("#0072B2"), Color.web("#009E73"), Color.web("#D55E00"),
            Color.web("#CC79A7"), Color.web("#E69F00"), Color.web("#56B4E9"), Color.web("#000000"), Color.web("#999999"));
    /** Half the edge of the cube the data box is scaled into, in scene units. */
    static final double HALF = 100;
    /** Field of view of the camera across the plot's shorter side, degrees. */
    static final double FIELD_OF_VIEW = 30;
    /** Camera distance at zoom 1, in scene units. */
    static final double DISTANCE = 760;
    private static final double POINT_RADIUS = 9;
    private static final Color BOX = Color.web("#b8b8b8");
    private static final Color AXIS = Color.web("#6e6e6e");

    private final ObjectProperty<List<Point>> points = new SimpleObjectProperty<>(this, "points", List.of());
    private final ObjectProperty<List<String>> axisNames = new SimpleObjectProperty<>(this, "axisNames", List.of("x", "y", "z"));
    private final DoubleProperty yaw = new SimpleDoubleProperty(this, "yaw", -35);
    private final DoubleProperty pitch = new SimpleDoubleProperty(this, "pitch", 20);
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    private final BooleanProperty showVectors = new SimpleBooleanProperty(this, "showVectors", true);

    private final boolean threeD;
    private final Pane overlay = new Pane();
    private final List<Label> pointLabels = new ArrayList<>();
    private final List<Label> axisLabels = new ArrayList<>();
    private double defaultYaw = -35;
    private double defaultPitch = 20;
    private Scene3 scene3;
    private Canvas canvas;
    private Frame frame = Frame.of(List.of());
    private double anchorX;
    private double anchorY;
    private double anchorYaw;
    private double anchorPitch;

    /** Whether this JavaFX can draw 3-D here (false on the software pipeline, or with -Dattentionlab.scene3d=false). */
    public static boolean scene3dSupported() {
        return Platform.isSupported(ConditionalFeature.SCENE3D)
                && !"false".equalsIgnoreCase(System.getProperty("attentionlab.scene3d"));
    }

    public Scatter3D() {
        this(scene3dSupported());
    }

    /** @param threeD a real 3-D sub-scene (true) or the projected 2-D drawing (false) */
    public Scatter3D(boolean threeD) {
        this.threeD = threeD;
        getStyleClass().add("scatter-3d");
        setFocusTraversable(true);
        overlay.setMouseTransparent(true);
        overlay.setManaged(false);
        if (threeD) {
            scene3 = new Scene3();
            getChildren().add(scene3.subScene);
        } else {
            canvas = new Canvas();
            canvas.setManaged(false);
            getChildren().add(canvas);
        }
        getChildren().add(overlay);
        javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        points.addListener(o -> rebuild());
        axisNames.addListener(o -> rebuild());
        showVectors.addListener(o -> rebuild());
        yaw.addListener(o -> requestLayout());
        pitch.addListener(o -> requestLayout());
        zoom.addListener(o -> requestLayout());
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::press);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::drag);
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                resetView();
            }
        });
        addEventHandler(ScrollEvent.SCROLL, e -> {
            zoom.set(clamp(zoom.get() * Math.exp(e.getDeltaY() / 400), 0.4, 4));
            e.consume();
        });
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
        rebuild();
    }

    public ObjectProperty<List<Point>> pointsProperty() {
        return points;
    }

    /** The names drawn at the ends of the axes (x, y, z or PC1, PC2, PC3). */
    public ObjectProperty<List<String>> axisNamesProperty() {
        return axisNames;
    }

    /** Turn about the vertical axis, degrees. */
    public DoubleProperty yawProperty() {
        return yaw;
    }

    /** Tilt, degrees, −90 to 90. */
    public DoubleProperty pitchProperty() {
        return pitch;
    }

    /** Camera zoom, 0.4 to 4. */
    public DoubleProperty zoomProperty() {
        return zoom;
    }

    public BooleanProperty showVectorsProperty() {
        return showVectors;
    }

    /** Whether this plot is a real 3-D sub-scene (else the projected 2-D drawing). */
    public boolean isThreeD() {
        return threeD;
    }

    /** The angles a double-click returns to. */
    public void setDefaultView(double yawDegrees, double pitchDegrees) {
        defaultYaw = yawDegrees;
        defaultPitch = pitchDegrees;
    }

    public void resetView() {
        yaw.set(defaultYaw);
        pitch.set(defaultPitch);
        zoom.set(1);
    }

    /** The labels of the points, in point order (for tests). */
    public List<Label> pointLabels() {
        return List.copyOf(pointLabels);
    }

    /** Where point i is drawn, in this node's coordinates (the 2-D drawing's own projection). */
    public Point2D projected(int i) {
        double[] p = project(frame.world[i], getWidth(), getHeight());
        return new Point2D(p[0], p[1]);
    }

    /**
     * Where JavaFX's own camera puts point i (3-D mode only), in this node's coordinates: the
     * sub-scene's projection, which the 2-D drawing's {@link #projected(int)} must agree with.
     */
    Point2D projectedByCamera(int i) {
        if (!threeD) {
            throw new IllegalStateException("the 2-D drawing has no camera of its own");
        }
        return scene3.screenOf(i, this);
    }

    // ---------------------------------------------------------------- interaction

    private void press(MouseEvent e) {
        anchorX = e.getX();
        anchorY = e.getY();
        anchorYaw = yaw.get();
        anchorPitch = pitch.get();
        requestFocus();
    }

    private void drag(MouseEvent e) {
        // grab-and-turn: the front of the scene follows the mouse
        yaw.set(wrap(anchorYaw - (e.getX() - anchorX) * 0.5));
        pitch.set(clamp(anchorPitch + (e.getY() - anchorY) * 0.5, -90, 90));
        e.consume();
    }

    private void key(KeyEvent e) {
        switch (e.getCode()) {
            case LEFT -> yaw.set(wrap(yaw.get() + 5));
            case RIGHT -> yaw.set(wrap(yaw.get() - 5));
            case UP -> pitch.set(clamp(pitch.get() - 5, -90, 90));
            case DOWN -> pitch.set(clamp(pitch.get() + 5, -90, 90));
            case HOME -> resetView();
            case PLUS, EQUALS, ADD -> zoom.set(clamp(zoom.get() * 1.15, 0.4, 4));
            case MINUS, SUBTRACT -> zoom.set(clamp(zoom.get() / 1.15, 0.4, 4));
            default -> {
                return;
            }
        }
        e.consume();
    }

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    static double wrap(double degrees) {
        double d = ((degrees + 180) % 360 + 360) % 360 - 180;
        return d == -180 ? 180 : d;
    }

    // ---------------------------------------------------------------- the frame: data → scene coordinates

    /**
     * The data's bounding box (origin included, so arrows from it fit) scaled uniformly into a cube
     * of half-edge {@link #HALF} around the scene's origin; data (x, y, z) → scene (x, −z, y).
     */
    record Frame(double[] lo, double[] hi, double[] centre, double scale, double[][] world, double[] origin) {
        static Frame of(List<Point> pts) {
            double[] lo = {0, 0, 0};
            double[] hi = {0, 0, 0};
            for (Point p : pts) {
                double[] v = {p.x(), p.y(), p.z()};
                for (int k = 0; k < 3; k++) {
                    lo[k] = Math.min(lo[k], v[k]);
                    hi[k] = Math.max(hi[k], v[k]);
                }
            }
            double extent = 0;
            double[] c = new double[3];
            for (int k = 0; k < 3; k++) {
                c[k] = (lo[k] + hi[k]) / 2;
                extent = Math.max(extent, (hi[k] - lo[k]) / 2);
            }
            double s = extent > 0 ? HALF / extent : 1;
            double[][] w = new double[pts.size()][];
            for (int i = 0; i < pts.size(); i++) {
                Point p = pts.get(i);
                w[i] = toWorld(p.x(), p.y(), p.z(), c, s);
            }
            return new Frame(lo, hi, c, s, w, toWorld(0, 0, 0, c, s));
        }

        static double[] toWorld(double x, double y, double z, double[] c, double s) {
            return new double[] {(x - c[0]) * s, -(z - c[2]) * s, (y - c[1]) * s};
        }

        double[] world(double x, double y, double z) {
            return toWorld(x, y, z, centre, scale);
        }

        /** The 8 corners of the data box, in scene coordinates. */
        double[][] corners() {
            double[][] out = new double[8][];
            for (int i = 0; i < 8; i++) {
                out[i] = world((i & 1) == 0 ? lo[0] : hi[0], (i & 2) == 0 ? lo[1] : hi[1], (i & 4) == 0 ? lo[2] : hi[2]);
            }
            return out;
        }

        /** The end of data axis k (0 x, 1 y, 2 z): the box's far side along it, from the origin. */
        double[] axisEnd(int k) {
            double[] v = {0, 0, 0};
            v[k] = Math.max(hi[k], 0) + (hi[k] - lo[k] == 0 ? 1 : (hi[k] - lo[k]) * 0.15);
            return world(v[0], v[1], v[2]);
        }
    }

    /** The rotation of the scene: yaw about the vertical axis, then pitch about the horizontal (JavaFX's Rotate matrices). */
    double[] rotate(double[] w) {
        double ay = Math.toRadians(yaw.get());
        double x1 = Math.cos(ay) * w[0] + Math.sin(ay) * w[2];
        double z1 = -Math.sin(ay) * w[0] + Math.cos(ay) * w[2];
        double ap = Math.toRadians(pitch.get());
        double y2 = Math.cos(ap) * w[1] - Math.sin(ap) * z1;
        double z2 = Math.sin(ap) * w[1] + Math.cos(ap) * z1;
        return new double[] {x1, y2, z2};
    }

    /** Perspective projection of a scene point, as the sub-scene's camera does: {x, y, depth, pixels per unit}. */
    double[] project(double[] w, double width, double height) {
        double[] r = rotate(w);
        double d = DISTANCE / zoom.get();
        double f = (Math.min(width, height) / 2) / Math.tan(Math.toRadians(FIELD_OF_VIEW / 2));
        double k = f / Math.max(1e-6, r[2] + d);
        return new double[] {width / 2 + r[0] * k, height / 2 + r[1] * k, r[2], k};
    }

    // ---------------------------------------------------------------- building

    private void rebuild() {
        List<Point> pts = points.get();
        frame = Frame.of(pts);
        overlay.getChildren().clear();
        pointLabels.clear();
        axisLabels.clear();
        for (int i = 0; i < pts.size(); i++) {
            Label l = new Label(pts.get(i).label());
            l.getStyleClass().add(pts.get(i).highlighted() ? "scatter-label-highlight" : "scatter-label");
            l.setManaged(false);
            pointLabels.add(l);
        }
        List<String> names = axisNames.get();
        for (int k = 0; k < 3; k++) {
            Label l = new Label(names.size() > k ? names.get(k) : "");
            l.getStyleClass().add("scatter-axis");
            l.setManaged(false);
            axisLabels.add(l);
        }
        overlay.getChildren().addAll(axisLabels);
        overlay.getChildren().addAll(pointLabels);
        if (threeD) {
            scene3.build(frame, pts);
        }
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        overlay.resizeRelocate(0, 0, w, h);
        if (threeD) {
            scene3.subScene.setWidth(w);
            scene3.subScene.setHeight(h);
            scene3.camera.setVerticalFieldOfView(h <= w); // the field of view spans the shorter side
            scene3.place(yaw.get(), pitch.get(), zoom.get());
        } else {
            canvas.setWidth(w);
            canvas.setHeight(h);
            draw(w, h);
        }
        placeLabels(w, h);
    }

    private void placeLabels(double w, double h) {
        LabelPlacer placer = new LabelPlacer(w, h);
        List<Point> pts = points.get();
        double[][] proj = new double[pts.size()][];
        Point2D[] at = new Point2D[pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            proj[i] = project(frame.world[i], w, h);
            at[i] = threeD ? scene3.screenOf(i, overlay) : new Point2D(proj[i][0], proj[i][1]);
            double r = radius(i, proj[i]);
            placer.block(at[i].getX() - r, at[i].getY() - r, 2 * r, 2 * r);
        }
        for (int k = 0; k < 3; k++) {
            Label l = axisLabels.get(k);
            Point2D p = threeD ? scene3.screenOfAxis(k, overlay) : point(project(frame.axisEnd(k), w, h));
            l.autosize();
            double x = Scatter3D.clamp(p.getX() - l.getWidth() / 2, 0, Math.max(0, w - l.getWidth()));
            double y = Scatter3D.clamp(p.getY() - l.getHeight() / 2, 0, Math.max(0, h - l.getHeight()));
            l.relocate(x, y);
            placer.block(x, y, l.getWidth(), l.getHeight());
        }
        // nearer points choose their label place first
        Integer[] order = new Integer[pts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> proj[i][2]));
        for (int i : order) {
            Label l = pointLabels.get(i);
            l.autosize();
            Point2D tl = placer.place(at[i].getX(), at[i].getY(), radius(i, proj[i]), l.getWidth(), l.getHeight());
            l.relocate(tl.getX(), tl.getY());
        }
    }

    private double radius(int i, double[] projected) {
        return POINT_RADIUS * projected[3] * (points.get().get(i).highlighted() ? 1.4 : 1);
    }

    private static Point2D point(double[] p) {
        return new Point2D(p[0], p[1]);
    }

    // ---------------------------------------------------------------- the 2-D drawing

    private void draw(double w, double h) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        if (w <= 0 || h <= 0) {
            return;
        }
        g.setLineCap(StrokeLineCap.ROUND);
        double[][] c = frame.corners();
        g.setStroke(BOX);
        g.setLineWidth(1);
        for (int i = 0; i < 8; i++) {
            for (int bit : new int[] {1, 2, 4}) {
                int j = i | bit;
                if (j != i) {
                    line(g, c[i], c[j], w, h);
                }
            }
        }
        g.setStroke(AXIS);
        g.setLineWidth(2.5);
        for (int k = 0; k < 3; k++) {
            line(g, frame.origin(), frame.axisEnd(k), w, h);
        }
        List<Point> pts = points.get();
        Integer[] order = new Integer[pts.size()];
        double[][] proj = new double[pts.size()][];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            proj[i] = project(frame.world[i], w, h);
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> proj[i][2]).reversed()); // far first
        if (showVectors.get()) {
            double[] o = project(frame.origin(), w, h);
            g.setLineWidth(3);
            for (int i : order) {
                g.setStroke(colour(i).deriveColor(0, 1, 1, 0.75));
                g.strokeLine(o[0], o[1], proj[i][0], proj[i][1]);
            }
        }
        for (int i : order) {
            double r = radius(i, proj[i]);
            Color col = colour(i);
            g.setFill(col);
            g.fillOval(proj[i][0] - r, proj[i][1] - r, 2 * r, 2 * r);
            g.setFill(Color.WHITE.deriveColor(0, 1, 1, 0.45));
            g.fillOval(proj[i][0] - r * 0.55, proj[i][1] - r * 0.65, r * 0.6, r * 0.5); // a highlight, as a lit sphere
            if (pts.get(i).highlighted()) {
                g.setStroke(Color.web("#e4007c"));
                g.setLineWidth(3);
                g.strokeOval(proj[i][0] - r - 3, proj[i][1] - r - 3, 2 * r + 6, 2 * r + 6);
            }
        }
    }

    private void line(GraphicsContext g, double[] a, double[] b, double w, double h) {
        double[] p = project(a, w, h);
        double[] q = project(b, w, h);
        g.strokeLine(p[0], p[1], q[0], q[1]);
    }

    static Color colour(int i) {
        return PALETTE.get(i % PALETTE.size());
    }

    // ---------------------------------------------------------------- the 3-D scene

    /** The sub-scene, its camera, lights and the rotating world. */
    private final class Scene3 {
        final Group world = new Group();
        final Rotate rx = new Rotate(0, Rotate.X_AXIS);
        final Rotate ry = new Rotate(0, Rotate.Y_AXIS);
        final PerspectiveCamera camera = new PerspectiveCamera(true);
        final SubScene subScene;
        final List<Node> anchors = new ArrayList<>();
        final List<Node> axisAnchors = new ArrayList<>();

        Scene3() {
            world.getTransforms().addAll(rx, ry);
            AmbientLight ambient = new AmbientLight(Color.gray(0.55));
            PointLight light = new PointLight(Color.gray(0.7));
            light.setTranslateZ(-DISTANCE);
            light.setTranslateY(-DISTANCE / 2);
            Group root = new Group(world, ambient, light, camera);
            camera.setFieldOfView(FIELD_OF_VIEW);
            camera.setNearClip(1);
            camera.setFarClip(10 * DISTANCE);
            subScene = new SubScene(root, 10, 10, true, SceneAntialiasing.BALANCED);
            subScene.setCamera(camera);
            subScene.setFill(Color.TRANSPARENT);
            subScene.setManaged(false);
        }

        void build(Frame f, List<Point> pts) {
            world.getChildren().clear();
            anchors.clear();
            axisAnchors.clear();
            PhongMaterial box = new PhongMaterial(BOX);
            double[][] c = f.corners();
            for (int i = 0; i < 8; i++) {
                for (int bit : new int[] {1, 2, 4}) {
                    int j = i | bit;
                    if (j != i) {
                        world.getChildren().add(rod(c[i], c[j], 0.6, box));
                    }
                }
            }
            PhongMaterial axis = new PhongMaterial(AXIS);
            for (int k = 0; k < 3; k++) {
                double[] end = f.axisEnd(k);
                world.getChildren().add(rod(f.origin(), end, 1.3, axis));
                Sphere tip = new Sphere(0.1);
                tip.setVisible(false);
                at(tip, end);
                axisAnchors.add(tip);
                world.getChildren().add(tip);
            }
            for (int i = 0; i < pts.size(); i++) {
                PhongMaterial m = new PhongMaterial(colour(i));
                m.setSpecularColor(Color.gray(0.9));
                if (showVectors.get()) {
                    world.getChildren().add(rod(f.origin(), f.world[i], 1.6, new PhongMaterial(colour(i).deriveColor(0, 1, 1, 0.8))));
                }
                Sphere s = new Sphere(POINT_RADIUS * (pts.get(i).highlighted() ? 1.4 : 1));
                s.setMaterial(m);
                at(s, f.world[i]);
                anchors.add(s);
                world.getChildren().add(s);
            }
        }

        void place(double yawDegrees, double pitchDegrees, double zoomFactor) {
            ry.setAngle(yawDegrees);
            rx.setAngle(pitchDegrees);
            camera.setTranslateZ(-DISTANCE / zoomFactor);
        }

        Point2D screenOf(int i, Node target) {
            return project(anchors.get(i), target);
        }

        Point2D screenOfAxis(int k, Node target) {
            return project(axisAnchors.get(k), target);
        }

        private Point2D project(Node anchor, Node target) {
            Point3D scene = anchor.localToScene(Point3D.ZERO, true); // through the sub-scene's camera
            Point2D local = target.sceneToLocal(scene.getX(), scene.getY());
            return local == null ? Point2D.ZERO : local;
        }

        private void at(Node n, double[] w) {
            n.setTranslateX(w[0]);
            n.setTranslateY(w[1]);
            n.setTranslateZ(w[2]);
        }

        /** A thin cylinder from a to b. */
        private Node rod(double[] a, double[] b, double radius, PhongMaterial m) {
            Point3D from = new Point3D(a[0], a[1], a[2]);
            Point3D to = new Point3D(b[0], b[1], b[2]);
            Point3D d = to.subtract(from);
            double length = d.magnitude();
            Cylinder c = new Cylinder(radius, Math.max(length, 1e-3));
            c.setMaterial(m);
            Point3D mid = from.midpoint(to);
            c.setTranslateX(mid.getX());
            c.setTranslateY(mid.getY());
            c.setTranslateZ(mid.getZ());
            Point3D yAxis = new Point3D(0, 1, 0);
            Point3D axis = yAxis.crossProduct(d);
            double angle = Math.toDegrees(Math.acos(clamp(yAxis.dotProduct(d) / Math.max(length, 1e-9), -1, 1)));
            if (axis.magnitude() > 1e-9) {
                c.getTransforms().add(new Rotate(angle, axis));
            } else if (angle > 90) {
                c.getTransforms().add(new Rotate(180, Rotate.X_AXIS));
            }
            return c;
        }
    }
}
